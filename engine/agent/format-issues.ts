import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

/** `['persona', 'skills', 2]` → `persona.skills[2]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
    '',
  );
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value === undefined) return 'nothing';
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

function article(type: string): string {
  if (type === 'array') return 'a list';
  if (type === 'object') return 'an object';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = data;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** Expected types of a union's branches, e.g. `['number', 'string']`. */
function unionExpectations(issue: Issue): string[] | undefined {
  if (issue.code !== 'invalid_union') return undefined;
  const expected: string[] = [];
  for (const branch of issue.errors) {
    const first = branch[0];
    if (!first || first.path.length > 0) return undefined;
    if (first.code === 'invalid_type') expected.push(first.expected);
    else if (first.code === 'invalid_union') {
      const inner = unionExpectations(first);
      if (!inner) return undefined;
      expected.push(...inner);
    } else return undefined;
  }
  return [...new Set(expected)];
}

function describeIssue(issue: Issue, data: unknown, basePath: readonly PropertyKey[]): string {
  const actual = describeValue(valueAt(data, issue.path));
  if (issue.code === 'invalid_type') return `expected ${article(issue.expected)}, got ${actual}`;
  const union = unionExpectations(issue);
  if (union) {
    const names = union.map((type) => (type === 'array' ? 'list' : type));
    const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : names[0];
    return `expected ${/^[aeiou]/.test(list) ? 'an' : 'a'} ${list}, got ${actual}`;
  }
  if (issue.code === 'invalid_union') {
    const nested = issue.errors.flat()[0];
    if (nested) return describeIssue({ ...nested, path: [...issue.path, ...nested.path] } as Issue, data, basePath);
  }
  if (issue.code === 'invalid_value')
    return `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}, got ${JSON.stringify(valueAt(data, issue.path))}`;
  return issue.message;
}

/**
 * Zod issues as `path: what was expected, got what` lines, with the path rooted at `root` (e.g.
 * `persona`) so the user can find the spot in their file.
 *
 * @example
 *   formatSpecIssues(error, { age: true }, 'persona'); // 'persona.age: expected a number or string, got boolean'
 */
export function formatSpecIssues(error: z.ZodError, data: unknown, root = ''): string {
  return error.issues
    .map((issue) => {
      const path = formatPath(root ? [root, ...issue.path] : issue.path) || '(root)';
      return `${path}: ${describeIssue(issue, data, [])}`;
    })
    .join('; ');
}
