// Registers the simulation elements. Loaded by ScenarioPanel.astro as an external module script.
import { LsScenarios } from './ls-scenarios.ts';
import { LsSim } from './ls-sim.ts';

// The selector first: it listens for the `ls-sim-linked` event simulations send when they upgrade.
if (!customElements.get('ls-scenarios')) customElements.define('ls-scenarios', LsScenarios);
if (!customElements.get('ls-sim')) customElements.define('ls-sim', LsSim);
