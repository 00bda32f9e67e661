import type { ComponentType } from 'preact';
import { OverviewPage } from './OverviewPage';

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
  { id: 'overview', title: 'Overview', component: OverviewPage },
];
