// Reloading a view when it is told of a change, without losing one. A notice that arrives while the view is reading
// may describe a change the read under way missed (it read just before the change was saved), so such a notice is not
// dropped: the view reads once more when the reads under way are done. No DOM here.

/**
 * Wraps a view's async {@code load}: {@code load(...)} reads now (as asked, e.g. after the view's own step);
 * {@code changed()} reads now, or — while reads are under way — once more after them, however many notices came.
 */
export function followChanges(load) {
  let reading = 0;
  let missed = false;

  async function read(...args) {
    reading++;
    try {
      await load(...args);
    } finally {
      reading--;
      if (reading === 0 && missed) {
        missed = false;
        read();
      }
    }
  }

  return {
    load: read,
    changed() {
      if (reading > 0) missed = true;
      else read();
    },
  };
}
