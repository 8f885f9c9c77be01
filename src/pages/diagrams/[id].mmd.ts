// /diagrams/<id>.mmd: a scenario diagram as Mermaid source (what the SVG was rendered from).
import type { APIRoute } from 'astro';
import { everyScenarioView } from '../../site-data/scenarios.ts';

/** One file per diagram of every scenario. */
export async function getStaticPaths() {
  const diagrams = (await everyScenarioView()).flatMap((v) => [v.sequence, v.graph]);
  return diagrams.map((d) => ({ params: { id: d.id }, props: { body: d.mermaid } }));
}

/** Serves the Mermaid text. */
export const GET: APIRoute = ({ props }) =>
  new Response(String(props.body), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
