/**
 * What the benchmark asks of both servers. A scenario the API cannot serve yet stays in the list
 * as pending, so the report shows the gap instead of silently leaving it out; when the API gains
 * the feature, give it a `request` (and the baseline the same SQL).
 */
import { BENCH_PASSWORD, RARE_SEARCH_TERM, SEARCH_TERM, type Dataset } from './dataset';

export const API = '/api/v1';
const PAGE_SIZE = 20;

export interface RequestSpec {
  method: 'GET' | 'POST';
  /** Requests cycle through these paths (one is fine). */
  paths: string[];
  body?: object;
  /** Whose access token goes in the Authorization header; none for sign-in. */
  as?: 'busy' | 'quiet';
}

/** The seed's Django figure for this request (req/s, wrk -c 32, one 2-core machine) and the multiple we aim for. */
export interface DjangoFigure {
  reqPerSec: number;
  goal?: number;
}

export interface RunnableScenario {
  name: string;
  django?: DjangoFigure;
  request: RequestSpec;
}

export interface PendingScenario {
  name: string;
  /** Why it cannot run yet and what it will measure. */
  pending: string;
}

export type Scenario = RunnableScenario | PendingScenario;

export const isPending = (scenario: Scenario): scenario is PendingScenario => 'pending' in scenario;

/** Two scenarios whose p99 latencies are compared: the same request on a small and a large case. */
export interface ScalingPair {
  name: string;
  small: string;
  large: string;
  /** Largest acceptable p99(large) / p99(small). */
  maxRatio?: number;
}

/** 1K, 10K, 1M: short, and free of commas, so BENCH_ONLY can list names. */
const compact = (n: number) => new Intl.NumberFormat('en', { notation: 'compact' }).format(n);
const utcDate = (at: Date) => at.toISOString().slice(0, 10);
const DAY_MS = 86_400_000;

export interface BenchPlan {
  scenarios: Scenario[];
  scaling: ScalingPair[];
  /** Scenarios also run on several processes of ours (BENCH_PROCESSES), against one. */
  processScenarios: string[];
}

/** What the harness learns from our API before the run: a cursor halfway through the huge conversation. */
export interface PlanInputs {
  /** `next_cursor` of the deep numbered page, so both deep-history scenarios read the same messages. */
  deepCursor: string;
}

export const deepPageOf = (d: Dataset) => Math.max(2, Math.floor(d.sizes.hugeMessages / PAGE_SIZE / 2));

export function buildPlan(d: Dataset, inputs: PlanInputs): BenchPlan {
  const messages = (conversationId: string, query = '') => `${API}/conversations/${conversationId}/messages/${query}`;
  const { huge, medium, small, sendTargets } = d.conversations;
  const hugeLabel = compact(d.sizes.hugeMessages);
  const mediumLabel = compact(d.sizes.mediumMessages);
  const deepPage = deepPageOf(d);
  // The two whole UTC days before the newest message's day: thousands of messages of the huge conversation.
  const names = {
    smallList: `list page 1 (${compact(d.sizes.smallMessages)} msgs)`,
    hugeList: `list page 1 (${hugeLabel} msgs)`,
    hugeSearch: `list rare-word search (${hugeLabel} msgs)`,
    quietConversations: `conversations + unread (user in ${d.sizes.quietUserConversations})`,
    busyConversations: `conversations + unread (user in ${compact(d.sizes.busyUserConversations)})`,
  };
  const dateRange = `?start_date=${utcDate(new Date(d.newestAt.getTime() - 2 * DAY_MS))}&end_date=${utcDate(new Date(d.newestAt.getTime() - DAY_MS))}`;

  const scenarios: Scenario[] = [
    {
      name: 'sign in',
      django: { reqPerSec: 14 },
      request: { method: 'POST', paths: [`${API}/token/`], body: { username: d.quietUser.username, password: BENCH_PASSWORD } },
    },
    { name: 'users/me', django: { reqPerSec: 1956, goal: 4 }, request: { method: 'GET', paths: [`${API}/users/me/`], as: 'busy' } },
    {
      name: 'send message',
      django: { reqPerSec: 667, goal: 4 },
      // Spread over conversations, as many people chatting would be, rather than all on one row.
      request: {
        method: 'POST',
        paths: sendTargets.map((id) => messages(id)),
        body: { message_body: 'Benchmark message: see you at lunch on Friday!' },
        as: 'busy',
      },
    },
    {
      name: `list page 1 (${mediumLabel} msgs)`,
      django: { reqPerSec: 398, goal: 2 },
      request: { method: 'GET', paths: [messages(medium)], as: 'busy' },
    },
    {
      name: `list search (${mediumLabel} msgs)`,
      django: { reqPerSec: 117, goal: 2 },
      request: { method: 'GET', paths: [messages(medium, `?search=${SEARCH_TERM}`)], as: 'busy' },
    },
    // The bar: search within 2x of an unfiltered page on the huge conversation. A word in one
    // message of a thousand; a word in one of eight would make every page count 125,000 matches.
    { name: names.hugeSearch, request: { method: 'GET', paths: [messages(huge, `?search=${RARE_SEARCH_TERM}`)], as: 'busy' } },
    { name: `list 2-day range (${hugeLabel} msgs)`, request: { method: 'GET', paths: [messages(huge, dateRange)], as: 'busy' } },
    { name: names.smallList, request: { method: 'GET', paths: [messages(small)], as: 'busy' } },
    { name: names.hugeList, request: { method: 'GET', paths: [messages(huge)], as: 'busy' } },
    {
      name: `deep page ${deepPage} by number (${hugeLabel} msgs)`,
      request: { method: 'GET', paths: [messages(huge, `?page=${deepPage}`)], as: 'busy' },
    },
    {
      // The page after the numbered one above, reached by its cursor instead: no count, no offset.
      name: `deep page by cursor (${hugeLabel} msgs)`,
      request: { method: 'GET', paths: [messages(huge, `?before=${inputs.deepCursor}`)], as: 'busy' },
    },
    { name: names.quietConversations, request: { method: 'GET', paths: [`${API}/conversations/`], as: 'quiet' } },
    { name: names.busyConversations, request: { method: 'GET', paths: [`${API}/conversations/`], as: 'busy' } },
  ];
  const scaling: ScalingPair[] = [
    { name: 'message list page 1, p99: huge / small conversation', small: names.smallList, large: names.hugeList, maxRatio: 1.5 },
    { name: 'search vs unfiltered page 1, p99: huge conversation', small: names.hugeList, large: names.hugeSearch, maxRatio: 2 },
    { name: 'conversation list, p99: busy / quiet user', small: names.quietConversations, large: names.busyConversations },
  ];
  const processScenarios = ['users/me', 'send message', `list page 1 (${mediumLabel} msgs)`, names.quietConversations];
  return { scenarios, scaling, processScenarios };
}
