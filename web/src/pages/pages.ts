import type { ComponentType } from 'preact';
import { lazyPage } from './lazyPage';

/** A screen of the dashboard: its fragment id, its name in the navigation, and what it draws. */
export interface Page {
  id: string;
  title: string;
  component: ComponentType;
}

/**
 * The pages after the live events, in navigation order. The live events are not in this list: they
 * stay mounted while another page is shown (see App).
 */
export const PAGES: readonly Page[] = [
  { id: 'overview', title: 'Overview', component: lazyPage(() => import('./OverviewPage').then((m) => m.OverviewPage)) },
  { id: 'streams', title: 'Streams', component: lazyPage(() => import('./StreamsPage').then((m) => m.StreamsPage)) },
  { id: 'transforms', title: 'Transforms', component: lazyPage(() => import('./TransformsPage').then((m) => m.TransformsPage)) },
  { id: 'outputs', title: 'Outputs', component: lazyPage(() => import('./OutputsPage').then((m) => m.OutputsPage)) },
  { id: 'dead-letters', title: 'Dead letters', component: lazyPage(() => import('./DeadLettersPage').then((m) => m.DeadLettersPage)) },
];
