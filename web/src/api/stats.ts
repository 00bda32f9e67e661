// GET /api/stats, typed as far as the overview reads it (openapi/stats.json has all of it).
import { getJson } from '../api';
import type { StreamFigures } from './streams';

/** 60 counts per name, one a minute, oldest first; null when the source is missing. */
export type MinuteCounts = Record<string, number[]> | null;

export interface StatsTotals {
  captured: number | null;
  stored: number | null;
  dropped: number | null;
  delivered: number | null;
  dead_lettered: number | null;
}

export interface StatsReport {
  at: string;
  totals: StatsTotals;
  captured_by_type: Record<string, number> | null;
  per_minute: { first_minute: string; by_type: MinuteCounts; by_stream: MinuteCounts };
  pipeline_figures: 'live' | 'saved' | null;
  pipeline_figures_saved_at: string | null;
  delivering_process: string | null;
  streams: Record<string, StreamFigures> | null;
  capture: { attached: boolean; tabs: number } | null;
  db_size_bytes: number;
  max_stored_seq: number;
  jvm_heap: { used_bytes: number; committed_bytes: number; max_bytes: number | null };
}

export function fetchStats(): Promise<StatsReport> {
  return getJson<StatsReport>('/api/stats');
}
