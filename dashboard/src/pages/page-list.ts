import type { FunctionComponent } from 'preact';
import { ConcentrationPage } from './concentration-page';
import { KeysPage } from './keys-page';
import { LatencyPage } from './latency-page';
import { OriginsPage } from './origins-page';
import { OverviewPage } from './overview-page';
import { RequestsPage } from './requests-page';
import { RouterPage } from './router-page';

export interface PageProps {
  /** The rest of the route after the page's own part (`requests/<id>` → `<id>`). */
  rest: string;
  baseline: string | null;
}

export interface PageEntry {
  route: string;
  title: string;
  component: FunctionComponent<PageProps>;
}

/** The dashboard's pages, in the navigation's order (docs/dashboard-contract.md, "Pages"). */
export const PAGES: readonly PageEntry[] = [
  { route: 'overview', title: 'Overview', component: OverviewPage },
  { route: 'origins', title: 'Origins', component: OriginsPage },
  { route: 'concentration', title: 'Concentration & kill switches', component: ConcentrationPage },
  { route: 'latency', title: 'Latency & errors', component: LatencyPage },
  { route: 'requests', title: 'Requests', component: RequestsPage },
  { route: 'keys', title: 'Keys & budgets', component: KeysPage },
  { route: 'router', title: 'Router', component: RouterPage },
];
