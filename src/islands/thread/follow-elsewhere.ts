// A `#m…` link to a message of a long thread that sits on another page lands on the message's row in
// the thread skeleton (components/thread/ThreadSkeleton.astro), which works without scripts; with them,
// this moves on to the message itself.

/** Follows the landing row's link to the message's page, now and whenever the fragment changes. */
export function followElsewhere(): void {
  const follow = () => {
    const id = decodeURIComponent(location.hash.slice(1));
    if (id === '') return;
    const target = document.getElementById(id)?.dataset.elsewhere;
    // Only our own relative links are followed (the row's link to a page of this thread).
    if (target?.startsWith('/threads/')) location.replace(target);
  };
  follow();
  window.addEventListener('hashchange', follow);
}
