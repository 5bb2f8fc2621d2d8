// Runs async tasks one after the other. git takes `.git/index.lock` for every command that
// touches the index and fails at once (no waiting) when another command holds it: so every
// command on one repository goes through one queue.

export type SerialQueue = <T>(task: () => Promise<T>) => Promise<T>;

export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const result = tail.then(task, task);
    // A failed task must not stop the ones queued after it.
    tail = result.catch(() => undefined);
    return result;
  };
}
