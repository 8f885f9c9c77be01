// /diagrams/<id>.svg|.txt|.mmd: every export file of every scenario diagram, keyed by extension
// (src/site-data/diagram-exports.ts): standalone SVG, 72-column text for commit messages, Mermaid source.
import type { APIRoute } from 'astro';
import { sharedPagesHere } from '../../site-data/build-shard.ts';
import { diagramFiles } from '../../site-data/diagram-exports.ts';
import { changedPaths, keptRoute } from '../../site-data/render-plan.ts';
import { allDiagrams } from '../../site-data/scenarios.ts';

/** One file per diagram and export format. */
export async function getStaticPaths() {
  // Shard 1 of a sharded build renders it (site-data/build-shard.ts).
  if (!sharedPagesHere) return [];
  // Made of the models alone: kept as they are when the site digest is (site-data/render-plan.ts).
  if (keptRoute('diagram-files')) return [];
  const paths = diagramFiles(await allDiagrams()).map(({ file, body, contentType }) => ({
    params: { file },
    props: { body, contentType },
  }));
  // A diagram file is made of the models alone, which are part of the site digest (as an embed is:
  // site-data/render-plan.ts): its address is its key, and its text is made only when it is rendered.
  return changedPaths('diagram-files', paths, ({ params }) => ({
    url: `/diagrams/${params.file}`,
    key: params.file,
  }));
}

/** Serves the file's text. */
export const GET: APIRoute = ({ props }) =>
  new Response((props.body as () => string)(), { headers: { 'Content-Type': String(props.contentType) } });
