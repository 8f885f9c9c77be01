// /diagrams/<id>.svg: a scenario diagram as a standalone SVG (fixed light colours, no remote fonts).
import type { APIRoute } from 'astro';
import { allDiagrams } from '../../components/scenarios/scenario-data.ts';

/** One file per diagram of every bundled scenario. */
export function getStaticPaths() {
  return allDiagrams().map((d) => ({ params: { id: d.id }, props: { body: d.standalone } }));
}

/** Serves the SVG text. */
export const GET: APIRoute = ({ props }) =>
  new Response(String(props.body), { headers: { 'Content-Type': 'image/svg+xml; charset=utf-8' } });
