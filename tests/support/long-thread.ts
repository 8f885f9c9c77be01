// A long thread of our own making, for the browser tests of paging and folding: a patch series whose
// patches are big enough that the thread needs several pages, and one reply carrying a huge log.
// Generated text only (made-up code and log lines); nothing here comes from real mail.

/** Message-IDs of the generated thread, in posting order. */
export const LONG_THREAD_IDS = Array.from({ length: 14 }, (_, i) => `long-thread-${i}@lockstep.test`);

/** The message with the huge log (folded on its page). */
export const HUGE_MESSAGE_ID = LONG_THREAD_IDS.at(-1) as string;

/** One made-up patch of about `lines` added lines. */
function patch(n: number, lines: number): string {
  const body = Array.from(
    { length: lines },
    (_, i) => `+\tsynthetic_lock_step_${n}_${i}(&example_lock, flags); /* made up for the test */`,
  );
  return [
    `diff --git a/drivers/example/part${n}.c b/drivers/example/part${n}.c`,
    'index 0000000..1111111 100644',
    `--- a/drivers/example/part${n}.c`,
    `+++ b/drivers/example/part${n}.c`,
    `@@ -1,3 +1,${lines + 3} @@`,
    ' #include <linux/spinlock.h>',
    ...body,
    ' /* end */',
  ].join('\n');
}

/** The thread as an mbox: a cover letter, 12 patches of about 100 KB each, and a reply with a 600 KB log. */
export function longThreadMbox(): string {
  const messages: string[] = [];
  const date = (i: number) => `Mon, 2 Mar 2026 10:${String(i).padStart(2, '0')}:00 +0000`;
  const root = LONG_THREAD_IDS[0] as string;
  LONG_THREAD_IDS.forEach((id, i) => {
    const last = i === LONG_THREAD_IDS.length - 1;
    const subject =
      i === 0
        ? '[PATCH 0/12] example: a long synthetic series'
        : last
          ? 'Re: [PATCH 12/12] example: part 12'
          : `[PATCH ${i}/12] example: part ${i}`;
    const body =
      i === 0
        ? 'This cover letter opens a long made-up series used to test paging.\n'
        : last
          ? `The test run log follows.\n\n${Array.from({ length: 12_000 }, (_, k) => `[ ${String(k).padStart(6, ' ')}.000000] example: step ${k} of a made-up log`).join('\n')}\n`
          : `Part ${i} of the made-up series.\n\n${patch(i, 1_200)}\n`;
    const inReplyTo =
      i === 0
        ? ''
        : last
          ? `In-Reply-To: <${LONG_THREAD_IDS[12]}>\nReferences: <${root}> <${LONG_THREAD_IDS[12]}>\n`
          : `In-Reply-To: <${root}>\nReferences: <${root}>\n`;
    messages.push(
      `From test@lockstep.test Mon Mar  2 10:${String(i).padStart(2, '0')}:00 2026\nFrom: Test Author <test@lockstep.test>\nTo: list@lockstep.test\nSubject: ${subject}\nDate: ${date(i)}\nMessage-ID: <${id}>\n${inReplyTo}Content-Type: text/plain; charset=utf-8\n\n${body.replace(/^(>*From )/gm, '>$1')}\n`,
    );
  });
  return messages.join('');
}
