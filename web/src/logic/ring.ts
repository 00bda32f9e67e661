/**
 * The newest {@code capacity} items, oldest first. A push past capacity overwrites the oldest in
 * place, so a feed of 1,000 events/s costs no array copies and the memory stays bounded.
 */
export class Ring<T> {
  private readonly items: (T | undefined)[];
  private start = 0;
  private count = 0;
  /** Grows with every change, so a view can tell cheaply that it must redraw. */
  version = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`capacity: ${capacity} is not a whole number from 1`);
    }
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(item: T): void {
    const end = (this.start + this.count) % this.capacity;
    this.items[end] = item;
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
    this.version++;
  }

  /** The i-th item, 0 being the oldest kept. */
  at(i: number): T {
    if (i < 0 || i >= this.count) throw new RangeError(`index: ${i} is outside 0..${this.count - 1}`);
    return this.items[(this.start + i) % this.capacity] as T;
  }

  clear(): void {
    this.items.fill(undefined);
    this.start = 0;
    this.count = 0;
    this.version++;
  }

  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.at(i));
    return out;
  }
}
