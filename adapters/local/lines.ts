import { StringDecoder } from 'node:string_decoder';

/**
 * The lines of a stream, split at `\n` only (a trailing `\r` of CRLF is dropped). Node's readline also
 * ends a line at a lone `\r`, so a pasted `what?\r/panel create 50 …` became a second, paid command;
 * here a carriage return inside a line stays part of that line (and is shown as a space).
 *
 * @example
 *   for await (const line of linesOf(process.stdin)) console.log(line);
 */
export async function* linesOf(input: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  for await (const chunk of input) {
    pending += typeof chunk === 'string' ? chunk : decoder.write(chunk);
    let end = pending.indexOf('\n');
    while (end >= 0) {
      yield clean(pending.slice(0, end));
      pending = pending.slice(end + 1);
      end = pending.indexOf('\n');
    }
  }
  pending += decoder.end();
  if (pending) yield clean(pending);
}

function clean(line: string): string {
  return line.replace(/\r$/, '').replace(/\r/g, ' ');
}
