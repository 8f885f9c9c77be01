// /report-graphs/<message anchor>-r<N>[-dark].svg: the dependency chain of a lockdep report as a
// standalone SVG. Report text comes from mail, so the page shows it through <img> (an image cannot run
// script or load anything) instead of inlining it.

import type { APIRoute } from 'astro';
import { reportGraphMermaid } from '../../lib/diagrams/report-graph.ts';
import { sharedPagesHere } from '../../site-data/build-shard.ts';
import { changedPaths } from '../../site-data/render-plan.ts';
import { reportGraphSvg } from '../../site-data/report-view.ts';
import { allThreads } from '../../site-data/thread-entries.ts';

const LIGHT = { bg: '#fdfcf8', fg: '#1d1d1b' };
const DARK = { bg: '#16171a', fg: '#e6e4de' };

/** Two files (light and dark) per report that has a chain to draw. */
export async function getStaticPaths() {
  // Shard 1 of a sharded build renders it (site-data/build-shard.ts).
  if (!sharedPagesHere) return [];
  const threads = await allThreads();
  const paths = threads.flatMap((thread) =>
    thread.data.messages.flatMap((message) =>
      message.reports.flatMap((report, i) => {
        const id = `${message.anchor}-r${i + 1}`;
        const mermaid = reportGraphMermaid(report);
        if (!mermaid) return [];
        return [
          { params: { id }, props: { mermaid, colors: LIGHT } },
          { params: { id: `${id}-dark` }, props: { mermaid, colors: DARK } },
        ];
      }),
    ),
  );
  // A drawing is its Mermaid text in its colours: only a new or changed one is drawn
  // (site-data/render-plan.ts).
  return changedPaths('report-graphs', paths, ({ params, props }) => ({
    url: `/report-graphs/${params.id}.svg`,
    key: props,
  }));
}

/** Draws and serves the SVG. */
export const GET: APIRoute = ({ props }) =>
  new Response(reportGraphSvg(String(props.mermaid), props.colors as { bg: string; fg: string }), {
    headers: { 'Content-Type': 'image/svg+xml; charset=utf-8' },
  });
