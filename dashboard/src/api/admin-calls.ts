import { call } from './admin-client';
import type {
  AuditEntry,
  ConcentrationShare,
  CreatedKey,
  DrillResult,
  HealthAnswer,
  KeyRecord,
  KillSwitch,
  LatencyAnswer,
  List,
  ProviderFacts,
  RequestDetail,
  RequestPage,
  RouterAnswer,
  SpendReport,
  Timeseries,
} from './admin-types';

/** One function per admin endpoint the pages read or change. */

export interface TimeseriesQuery {
  since: string;
  bucket: 'hour' | 'day' | 'week';
  by?: string;
}

export const getTimeseries = (metric: string, q: TimeseriesQuery, signal?: AbortSignal) =>
  call<Timeseries>('/admin/timeseries', { query: { metric, since: q.since, bucket: q.bucket, by: q.by }, ...(signal && { signal }) });

export const getLatency = (by: 'provider' | 'model', since: string, signal?: AbortSignal) =>
  call<LatencyAnswer>('/admin/latency', { query: { since, by }, ...(signal && { signal }) });

export const getHealth = (signal?: AbortSignal) => call<HealthAnswer>('/admin/health', { ...(signal && { signal }) });

export const getRequests = (query: Record<string, string | number | undefined>, signal?: AbortSignal) =>
  call<RequestPage>('/admin/requests', { query, ...(signal && { signal }) });

export const getRequest = (id: string, signal?: AbortSignal) =>
  call<RequestDetail>(`/admin/requests/${encodeURIComponent(id)}`, { ...(signal && { signal }) });

export const getRouter = (signal?: AbortSignal) => call<RouterAnswer>('/admin/router', { ...(signal && { signal }) });

export const listKeys = (signal?: AbortSignal) => call<List<KeyRecord>>('/admin/keys', { ...(signal && { signal }) });
export const createKey = (body: Record<string, unknown>) => call<CreatedKey>('/admin/keys', { method: 'POST', body });
export const revokeKey = (id: string) => call<KeyRecord>(`/admin/keys/${encodeURIComponent(id)}`, { method: 'DELETE' });

export const getSpendBy = (by: string, since: string, signal?: AbortSignal) =>
  call<SpendReport>('/admin/reports/spend', { query: { by, since }, ...(signal && { signal }) });

export const listKills = (signal?: AbortSignal) => call<List<KillSwitch>>('/admin/kills', { ...(signal && { signal }) });
export const pullKill = (target: string, reason: string, actor: string) =>
  call<KillSwitch>('/admin/kills', { method: 'POST', body: { target, ...(reason && { reason }), actor } });
export const releaseKill = (target: string, reason: string, actor: string) =>
  call<KillSwitch>(`/admin/kills/${encodeURIComponent(target)}`, { method: 'DELETE', query: { reason, actor } });

export const getAudit = (limit: number, signal?: AbortSignal) => call<List<AuditEntry>>('/admin/audit', { query: { limit }, ...(signal && { signal }) });
export const getConcentration = (signal?: AbortSignal) => call<List<ConcentrationShare>>('/admin/concentration', { ...(signal && { signal }) });
export const getProviders = (signal?: AbortSignal) => call<List<ProviderFacts>>('/admin/providers', { ...(signal && { signal }) });
export const runDrill = (target: string) => call<DrillResult>('/admin/drill', { method: 'POST', body: { target } });
