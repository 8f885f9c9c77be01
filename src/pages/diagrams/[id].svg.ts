// /diagrams/<id>.svg: a scenario diagram as a standalone SVG (fixed light colours, no remote fonts).
import type { APIRoute } from 'astro';
import { everyScenarioView } from '../../site-data/scenarios.ts';

/** One file per diagram of every scenario. */
export async function getStaticPaths() {
  const diagrams = (await everyScenarioView()).flatMap((v) => [v.sequence, v.graph]);
  return diagrams.map((d) => ({ params: { id: d.id }, props: { body: d.standalone } }));
}

/** Serves the SVG text. */
export const GET: APIRoute = ({ props }) =>
  new Response(String(props.body), { headers: { 'Content-Type': 'image/svg+xml; charset=utf-8' } });
