// Lock class names as lockdep prints them and as scenarios name them, reduced to one key per class
// so a report's `&cm_id_priv->lock` and a model's `cm_id_priv->lock` land on the same /locks/ page.

/** The class name without lockdep's address-of mark and surrounding space (`&x->lock` → `x->lock`). */
export function canonicalLockName(name: string): string {
  return name.trim().replace(/^&\s*/, '');
}

// Lockdep's `#N` after a class name (before any `/subclass`): the N-th class of that name registered
// in one boot (lockdep_proc / print_lock_name's name_version). It tells classes apart inside one run only.
const RUN_NUMBER = /#(\d+)(?=(?:\/\d+)?$)/;

/**
 * Splits lockdep's run-local number off a class name: `&xa->xa_lock#15` → `&xa->xa_lock` and 15;
 * `lock#9/1` → `lock/1` and 9; a name without one comes back whole with null.
 */
export function splitRunNumber(name: string): { base: string; run: number | null } {
  const m = RUN_NUMBER.exec(name);
  if (!m) return { base: name, run: null };
  return { base: name.slice(0, m.index) + name.slice(m.index + m[0].length), run: Number(m[1]) };
}

/**
 * The name a class is indexed under across reports: canonical, without the run-local `#N` (two
 * reports' `lock#9` need not be one class, so neither gets a class of its own; both are filed under
 * the name they share, and the page says so).
 */
export function lockIndexName(name: string): string {
  return splitRunNumber(canonicalLockName(name)).base;
}

/**
 * URL slug of a lock class: `&cm_id_priv->lock` → `cm_id_priv-lock`, `(wq_completion)ib_cm` →
 * `wq_completion-ib_cm`; a run-local `#N` is dropped (`&xa->xa_lock#15` → `xa-xa_lock`).
 */
export function lockClassSlug(name: string): string {
  const slug = lockIndexName(name)
    .toLowerCase()
    .replace(/->|\./g, '-')
    .replace(/[^a-z0-9_#-]+/g, '-')
    .replace(/#/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return slug.slice(0, 80) || 'unnamed';
}

/**
 * The lock classes a model's lock belongs to, as pages list them: its `name` and, when it is reclassified
 * (`key`, lockdep_set_class()), the class lockdep prints for it, so the reclassified class has a page too.
 */
export function lockClassNames(lock: { name: string; key?: string }): string[] {
  return lock.key && lock.key !== lock.name ? [lock.name, lock.key] : [lock.name];
}
