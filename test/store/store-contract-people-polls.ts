import { describe, expect, it } from 'vitest';
import type { Store } from '../../engine/store/ports.js';
import { A, B } from './store-fixtures.js';

// Contract cases for people polls, their votes and fidelity reports.

const poll = { kind: 'yes-no', question: 'Would you pay?' };

export function registerPeoplePollTests(get: () => Store): void {
  describe('people polls, votes and fidelity reports', () => {
    it('keeps one vote per person, changeable until close, then refuses votes', async () => {
      const store = get();
      const closeAt = new Date('2030-01-01T10:00:00Z');
      const created = await store.createPeoplePoll({
        tenantId: A,
        channelKey: 'C1',
        threadKey: 't1',
        poll,
        options: ['yes', 'no'],
        createdBy: 'U1',
        closeAt,
      });
      expect(created.closeAt?.toISOString()).toBe(closeAt.toISOString());
      expect(await store.castVote({ tenantId: A, pollId: created.id, userId: 'U2', option: 'yes' })).toBe(true);
      expect(await store.castVote({ tenantId: A, pollId: created.id, userId: 'U3', option: 'no' })).toBe(true);
      expect(await store.castVote({ tenantId: A, pollId: created.id, userId: 'U2', option: 'no' })).toBe(true);
      const votes = await store.listVotes(A, created.id);
      expect(votes.map((vote) => [vote.userId, vote.option]).sort()).toEqual([
        ['U2', 'no'],
        ['U3', 'no'],
      ]);
      expect((await store.listTimedPeoplePolls()).map((entry) => entry.id)).toEqual([created.id]);
      expect((await store.findOpenPeoplePoll(A, 'C1', 't1'))?.id).toBe(created.id);
      expect(await store.closePeoplePoll(A, created.id, new Date())).toBe(true);
      expect(await store.closePeoplePoll(A, created.id, new Date())).toBe(false);
      expect(await store.castVote({ tenantId: A, pollId: created.id, userId: 'U4', option: 'yes' })).toBe(false);
      expect(await store.findOpenPeoplePoll(A, 'C1')).toBeUndefined();
      expect(await store.listTimedPeoplePolls()).toEqual([]);
      expect((await store.getPeoplePoll(A, created.id))?.closedAt).toBeInstanceOf(Date);
      // Listed for /export, closed or not, per channel and per thread, oldest first; never another tenant's.
      const second = await store.createPeoplePoll({
        tenantId: A,
        channelKey: 'C1',
        poll,
        options: ['a', 'b'],
        createdBy: 'U1',
      });
      await store.createPeoplePoll({ tenantId: A, channelKey: 'C2', poll, options: ['a', 'b'], createdBy: 'U1' });
      expect((await store.listPeoplePolls(A, 'C1')).map((entry) => entry.id)).toEqual([created.id, second.id]);
      expect((await store.listPeoplePolls(A, 'C1', 't1')).map((entry) => entry.id)).toEqual([created.id]);
      expect(await store.listPeoplePolls(B, 'C1')).toEqual([]);
    });

    it('stores the panel answers and never shows a poll to another tenant', async () => {
      const store = get();
      const created = await store.createPeoplePoll({
        tenantId: A,
        channelKey: 'C1',
        poll,
        options: ['yes', 'no'],
        createdBy: 'U1',
      });
      await store.updatePeoplePoll(A, created.id, { jobId: 'j1', panelAnswers: [{ personaId: 'p1', value: 'yes' }] });
      const read = await store.getPeoplePoll(A, created.id);
      expect(read).toMatchObject({ jobId: 'j1', panelAnswers: [{ personaId: 'p1', value: 'yes' }], poll });
      expect(await store.getPeoplePoll(B, created.id)).toBeUndefined();
      expect(await store.castVote({ tenantId: B, pollId: created.id, userId: 'U2', option: 'yes' })).toBe(false);
      expect(await store.closePeoplePoll(B, created.id, new Date())).toBe(false);
    });

    it('lists fidelity reports of a panel in order', async () => {
      const store = get();
      const base = { tenantId: A, panelId: 'p1', method: 'direct', questions: 2, meanJsd: 0.3 };
      await store.saveFidelityReport({ ...base, meanKsSimilarity: 0.7, report: { first: true } });
      await store.saveFidelityReport({ ...base, meanKsSimilarity: null, meanJsd: 0.2, report: { first: false } });
      await store.saveFidelityReport({ ...base, panelId: 'p2', meanKsSimilarity: 0.1, report: {} });
      const reports = await store.listFidelityReports(A, 'p1');
      expect(reports.map((report) => [report.meanKsSimilarity, report.meanJsd, report.report])).toEqual([
        [0.7, 0.3, { first: true }],
        [null, 0.2, { first: false }],
      ]);
      expect(await store.listFidelityReports(B, 'p1')).toEqual([]);
    });
  });
}
