// Hands out fiche ids that stay small and dense (they are bit positions in the facet sets):
// the smallest freed id first, then the next new one.

export class SlotAllocator {
  private readonly free: number[] = [];
  private next = 1;

  constructor(used: Iterable<number>) {
    const taken = new Set(used);
    for (const id of taken) this.next = Math.max(this.next, id + 1);
    for (let id = this.next - 1; id >= 1; id--) if (!taken.has(id)) this.free.push(id);
  }

  take(): number {
    return this.free.pop() ?? this.next++;
  }

  release(id: number): void {
    this.free.push(id);
    this.free.sort((a, b) => b - a);
  }
}
