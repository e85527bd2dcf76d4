import type { OfflineResponder } from '../offline-model.js';
import type { AnswerCategory } from '../../../extraction/normalizer.js';
import { capitalize, clip, contentWords, overlap, sentences, topWords } from './text.js';

const OTHER = 'Other';

/** `extraction.normalize`: categories from frequent keywords; answers assigned by keyword overlap. */
export const normalizeResponder: OfflineResponder = (request) => {
  const hints = request.hints ?? {};
  const texts = (hints.texts ?? []) as string[];
  if (hints.stage === 'assign') {
    const categories = (hints.categories ?? []) as AnswerCategory[];
    const fallback = categories.find((category) => category.name === OTHER)?.name ?? categories[0]?.name;
    return {
      categories: texts.map((text) => {
        let best: { name: string; score: number } | undefined;
        for (const category of categories) {
          const score = overlap(text, `${category.name} ${category.name === OTHER ? '' : category.description}`);
          if (score > 0 && (!best || score > best.score)) best = { name: category.name, score };
        }
        return best?.name ?? fallback;
      }),
    };
  }
  const max = Number(hints.max ?? 5);
  if (hints.stage === 'merge') {
    const names = texts.map((text) => text.split(':')[0].trim());
    const keywords = topWords(
      names.filter((name) => name !== OTHER),
      Math.max(1, max - 1),
    );
    return { categories: withOther(keywords, max) };
  }
  return { categories: withOther(topWords(texts, Math.max(1, max - 1)), max) };
};

function withOther(keywords: string[], max: number): AnswerCategory[] {
  const categories = keywords.map((word) => ({ name: capitalize(word), description: `Answers that mention ${word}.` }));
  if (categories.length < max || categories.length === 0)
    categories.push({ name: OTHER, description: 'Answers that fit no other category.' });
  return categories.slice(0, max);
}

/** `extraction.enrich`: a structured document that keeps every sentence of the content and expands it. */
export const enrichResponder: OfflineResponder = (request) => {
  const hints = request.hints ?? {};
  const content = String(hints.content ?? '');
  const requirements = String(hints.requirements ?? '');
  const parts = sentences(content);
  const title = capitalize(contentWords(content).slice(0, 5).join(' ') || 'Brief');
  const asks = requirements
    .split(/,|;|\band\b/)
    .map((ask) => ask.trim())
    .filter(Boolean);
  const context = hints.context ? `\n\n## Background\n${clip(String(hints.context), 800)}` : '';
  const details = parts
    .map(
      (sentence, index) =>
        `${index + 1}. ${sentence} In practice this means deciding who it serves first, what they do today instead, and what a first version must include.`,
    )
    .join('\n');
  const requirementList = asks
    .map((ask) => `- ${capitalize(ask)}: addressed below, drawn from the original content.`)
    .join('\n');
  return {
    content: `# ${title}\n\n_(offline enrichment: expanded without an LLM)_\n\n## Summary\n${content}${context}\n\n## Requirements\n${requirementList || '- (none given)'}\n\n## Details\n${details}\n\n## Risks and open questions\n- Which users would not want this, and why?\n- What would make it fail in the first month?\n\n## Next steps\n- Test the core idea with a small panel.\n- Write down the one metric that shows it works.`,
  };
};
