import { describe, expect, it } from 'vitest';
import { runLocalChat } from './run-local-chat.js';

async function chat(lines: string[]) {
  return { output: (await runLocalChat(lines)).output };
}

describe('local chat: thread experiments on the offline model', () => {
  it('/fork, /diff in the fork, --independent-then-discuss and /experiment', async () => {
    const { output } = await chat([
      '/panel create 3 commuters in Leeds --name leeds',
      '/panel ask "Would you cycle to work if parking cost £5 a day?"',
      '/thread 1',
      '/poll yesno "Would you cycle?"',
      '/fork "Would you cycle to work if parking cost £10 a day?"',
      '/thread 2',
      '/poll yesno "Would you cycle?"',
      '/diff',
      '/thread',
      '/panel ask "Should the office add showers?" --independent-then-discuss --rounds 1',
      '/thread 1',
      `/experiment "Parking costs £5" "Parking costs £10" --poll 'yesno "Would you cycle?"' --within`,
    ]);
    expect(output).toMatch(/^\[#2\] troupe: new thread 🍴 Would you cycle to work if parking cost £10 a day\?/m);
    expect(output).toContain('Fork of the thread “Would you cycle to work if parking cost £5 a day?”');
    expect(output).toMatch(/\[#2\] troupe: Diff: parent vs fork/);
    expect(output).toContain('Paired (McNemar exact, 3 personas in both)');
    expect(output).toContain('Opinion shift after 1 round of discussion');
    expect(output).toMatch(/\[#1\] troupe: Diff: arm A \(“Parking costs £5”\) vs arm B \(“Parking costs £10”\)/);
    expect(output).toContain('Design: within personas — all 3 personas took both arms');
  });
});
