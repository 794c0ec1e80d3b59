/**
 * Stores changes one after another, in the order they were made, so a quick second change to a record is never
 * overtaken on its way to the server by the first. A stored answer is shown only when no later change of the
 * same record is still waiting, so an older answer never replaces a newer change already on the screen.
 */
export class WriteQueue<T> {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly waiting = new Map<number, number>();

  /**
   * Runs `write` for record `key` after every write queued before it has settled; hands its answer to `show` if it
   * is the newest write of `key`. Resolves once the write is done, or rejects with its error.
   */
  push(key: number, write: () => Promise<T>, show: (answer: T) => void): Promise<void> {
    this.waiting.set(key, (this.waiting.get(key) ?? 0) + 1);
    const run = this.tail.then(async () => {
      try {
        const answer = await write();
        if (this.waiting.get(key) === 1) show(answer);
      } finally {
        const left = (this.waiting.get(key) ?? 1) - 1;
        if (left === 0) this.waiting.delete(key);
        else this.waiting.set(key, left);
      }
    });
    this.tail = run.catch(() => undefined);
    return run;
  }
}
