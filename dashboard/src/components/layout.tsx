import type { ComponentChildren } from 'preact';
import { ApiError } from '../api/admin-client';

export function PageHeader(props: { title: string; intro?: ComponentChildren; children?: ComponentChildren }) {
  return (
    <header class="page-header">
      <div>
        <h1 id="page-title" tabIndex={-1}>
          {props.title}
        </h1>
        {props.intro && <p class="intro">{props.intro}</p>}
      </div>
      {props.children && <div class="page-actions">{props.children}</div>}
    </header>
  );
}

export function Panel(props: { title: string; id?: string; wide?: boolean; busy?: boolean; children: ComponentChildren; actions?: ComponentChildren }) {
  const headingId = props.id ? `${props.id}-title` : undefined;
  return (
    <section
      class={props.wide ? 'panel wide' : 'panel'}
      aria-labelledby={headingId}
      data-panel={props.id}
      {...(props.busy !== undefined && { 'aria-busy': props.busy ? 'true' : 'false' })}
    >
      <div class="panel-head">
        <h2 id={headingId}>{props.title}</h2>
        {props.actions}
      </div>
      {props.children}
    </section>
  );
}

/** A failed load or action, announced to screen readers. */
export function ErrorNote(props: { error: Error | undefined; what?: string }) {
  if (!props.error) return null;
  const status = props.error instanceof ApiError ? ` (HTTP ${props.error.status})` : '';
  return (
    <p class="note error" role="alert">
      {props.what ? `${props.what}: ` : ''}
      {props.error.message}
      {status}
    </p>
  );
}

export function Loading(props: { what?: string }) {
  return (
    <p class="note muted" role="status">
      Loading{props.what ? ` ${props.what}` : ''}…
    </p>
  );
}

export function Empty(props: { children: ComponentChildren }) {
  return <p class="note muted">{props.children}</p>;
}

export function StatCard(props: { label: string; value: string; hint?: string; id?: string; tone?: 'good' | 'bad' }) {
  return (
    <div class={`stat ${props.tone ?? ''}`} data-stat={props.id}>
      <span class="stat-label">{props.label}</span>
      <span class="stat-value">{props.value}</span>
      {props.hint && <span class="stat-hint">{props.hint}</span>}
    </div>
  );
}

/** A share against its cap: a bar with a mark where the cap is. */
export function ShareMeter(props: { share: number; cap?: number; label: string }) {
  // past the cap, or (without one) nearly all used: shown in the warning colour
  const over = props.cap !== undefined ? props.share > props.cap : props.share >= 0.9;
  const pct = Math.min(100, Math.max(0, props.share * 100));
  return (
    <span class={over ? 'meter over' : 'meter'}>
      <meter class="visually-hidden" min={0} max={1} value={props.share} aria-label={props.label} {...(props.cap !== undefined && { high: props.cap })} />
      <span class="meter-track" aria-hidden="true">
        {/* set through the CSSOM (element.style), which the page's CSP allows, not a style attribute */}
        <span class="meter-fill" style={{ width: `${pct}%` }} />
        {props.cap !== undefined && <span class="meter-cap" style={{ left: `${Math.min(100, props.cap * 100)}%` }} />}
      </span>
    </span>
  );
}
