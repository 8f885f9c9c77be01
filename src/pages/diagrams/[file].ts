// /diagrams/<id>.svg|.txt|.mmd: every export file of every scenario diagram, keyed by extension
// (src/site-data/diagram-exports.ts): standalone SVG, 72-column text for commit messages, Mermaid source.
import type { APIRoute } from 'astro';
import { sharedPagesHere } from '../../site-data/build-shard.ts';
import { diagramFiles } from '../../site-data/diagram-exports.ts';
import { allDiagrams } from '../../site-data/scenarios.ts';

/** One file per diagram and export format. */
export async function getStaticPaths() {
  // Shard 1 of a sharded build renders it (site-data/build-shard.ts).
  if (!sharedPagesHere) return [];
  return diagramFiles(await allDiagrams()).map(({ file, body, contentType }) => ({
    params: { file },
    props: { body, contentType },
  }));
}

/** Serves the file's text. */
export const GET: APIRoute = ({ props }) =>
  new Response(String(props.body), { headers: { 'Content-Type': String(props.contentType) } });
