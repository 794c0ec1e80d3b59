import { describe, expect, it } from 'vitest';
import { WriteQueue } from './writeQueue';

/** A write that finishes only when `finish` is called, recording when it started. */
function slowWrite(started: string[], name: string) {
  let finish: (answer: string) => void = () => undefined;
  const write = () => {
    started.push(name);
    return new Promise<string>((resolve) => (finish = resolve));
  };
  return { write, finish: (answer: string) => finish(answer) };
}

describe('WriteQueue', () => {
  it('starts a write only after the one queued before it has finished', async () => {
    const queue = new WriteQueue<string>();
    const started: string[] = [];
    const first = slowWrite(started, 'first');
    const second = slowWrite(started, 'second');
    const shown: string[] = [];
    const done = [queue.push(1, first.write, (a) => shown.push(a)), queue.push(2, second.write, (a) => shown.push(a))];
    await Promise.resolve();
    expect(started).toEqual(['first']);
    first.finish('one');
    await done[0];
    await Promise.resolve();
    expect(started).toEqual(['first', 'second']);
    second.finish('two');
    await done[1];
    expect(shown).toEqual(['one', 'two']);
  });

  it('shows only the newest answer of a record while later writes of it wait', async () => {
    const queue = new WriteQueue<string>();
    const shown: string[] = [];
    const show = (answer: string) => shown.push(answer);
    await Promise.all([
      queue.push(7, async () => 'moved down', show),
      queue.push(7, async () => 'moved up', show),
      queue.push(8, async () => 'other record', show),
    ]);
    expect(shown).toEqual(['moved up', 'other record']);
    await queue.push(7, async () => 'later', show);
    expect(shown).toEqual(['moved up', 'other record', 'later']);
  });

  it('goes on after a failed write and reports the failure to its caller', async () => {
    const queue = new WriteQueue<string>();
    const shown: string[] = [];
    const failed = queue.push(1, () => Promise.reject(new Error('refused')), (a) => shown.push(a));
    const next = queue.push(1, async () => 'stored', (a) => shown.push(a));
    await expect(failed).rejects.toThrow('refused');
    await next;
    expect(shown).toEqual(['stored']);
  });
});
