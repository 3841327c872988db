/**
 * The answers a simulated provider gives, written for it (no model produced them): plausible replies of the
 * kinds a gateway carries, grouped by topic. A prompt that mentions a topic's words gets one of that topic's
 * answers; any other prompt one of the general ones. Which one: the answer sharing most words with the prompt,
 * and among equals the prompt's hash.
 */
export interface CorpusTopic {
  /** Words that send a prompt to this topic (matched on whole words, lowercase). */
  words: readonly string[];
  answers: readonly string[];
}

/** The topics, the general one last (it matches no words: it takes the prompts no other topic took). */
export const SIMULATED_CORPUS: readonly CorpusTopic[] = [
  {
    words: ['code', 'function', 'bug', 'typescript', 'python', 'javascript', 'error', 'refactor', 'regex', 'test'],
    answers: [
      'The problem is that the loop reads `items.length` after the array has been filtered in place, so the last element is skipped. ' +
        'Build a new array instead:\n\n```ts\nconst kept = items.filter((item) => item.active);\nfor (const item of kept) process(item);\n```\n\n' +
        'This keeps the original list intact, and the filter is easier to test on its own.',
      'Here is a version that handles the empty case and avoids the repeated lookups:\n\n```python\ndef top_n(counts, n=3):\n' +
        '    if not counts:\n        return []\n    return sorted(counts.items(), key=lambda kv: kv[1], reverse=True)[:n]\n```\n\n' +
        'Sorting is O(k log k) in the number of distinct keys; for very large inputs `heapq.nlargest` does the same in O(k log n).',
      'I would split this function in two: one part that parses the input and returns a typed value or an error, and one that acts on ' +
        'the parsed value. The parser then gets small table-driven tests (valid input, each kind of invalid input), and the action can be ' +
        'tested without building strings by hand. The early returns also remove two levels of nesting.',
      'The regular expression `^\\d{4}-\\d{2}-\\d{2}$` matches the shape of an ISO date but not its validity: `2024-02-30` passes. ' +
        'Match the shape with the regex, then parse it with the date library and compare the result with the input, which rejects ' +
        'impossible days and months.',
    ],
  },
  {
    words: ['sql', 'query', 'database', 'table', 'index', 'join', 'postgres', 'postgresql'],
    answers: [
      'Use a window function so that each customer is read once:\n\n```sql\nSELECT customer_id, order_id, total\nFROM (\n' +
        '  SELECT *, row_number() OVER (PARTITION BY customer_id ORDER BY created_at DESC) AS rn\n  FROM orders\n) o\nWHERE rn = 1;\n```\n\n' +
        'An index on `(customer_id, created_at DESC)` lets the database read the rows already in order.',
      'The query is slow because the filter on `lower(email)` cannot use the plain index on `email`. Either create an expression index ' +
        '(`CREATE INDEX ON users (lower(email))`) or store the address normalised and compare it directly. `EXPLAIN ANALYZE` before and after ' +
        'will show the sequential scan turning into an index scan.',
    ],
  },
  {
    words: ['summarize', 'summarise', 'summary', 'tldr', 'notes', 'meeting', 'article', 'report'],
    answers: [
      'Summary: the team agreed to ship the billing change behind a flag next Tuesday, after the load test. Two risks were raised: the ' +
        'migration on the invoices table, and support not having the new help article yet. Owners: Priya for the migration plan, Tom for ' +
        'the article. Next check-in on Friday.',
      'In short: revenue grew 12% quarter on quarter, driven by the enterprise plan, while self-serve sign-ups were flat. Costs rose ' +
        'faster than revenue because of the new data centre contract. The report recommends pausing two hiring requests and revisiting ' +
        'pricing for the mid tier.',
      'Key points:\n\n1. The proposal replaces nightly batch exports with a change stream.\n2. Latency for downstream dashboards drops from ' +
        'hours to minutes.\n3. The cost is one more service to run and a schema registry.\n4. The authors suggest a two-week pilot on the ' +
        'orders data before deciding.',
    ],
  },
  {
    words: ['email', 'reply', 'customer', 'refund', 'complaint', 'ticket', 'support', 'apology'],
    answers: [
      'Hi Sam,\n\nThank you for letting us know, and sorry for the trouble with your order. I have issued a full refund to your original ' +
        'payment method; it should appear within 3 to 5 business days. If you would still like the item, I can send a replacement at no ' +
        'charge: just reply to this message.\n\nBest regards,\nThe Support Team',
      'Thanks for the detailed report. I was able to reproduce the login issue on the mobile app, and our engineers have a fix in review. ' +
        'Until it ships, signing in from the browser works as a workaround. I will update this ticket as soon as the new version is out.',
    ],
  },
  {
    words: ['translate', 'translation', 'french', 'german', 'spanish', 'chinese', 'japanese'],
    answers: [
      'Translation (French): « Merci pour votre message. Nous avons bien reçu votre demande et nous vous répondrons dans les deux jours ouvrables. »',
      'Translation (German): „Vielen Dank für Ihre Geduld. Die Lieferung verzögert sich um zwei Tage; wir informieren Sie, sobald das Paket unterwegs ist.“',
      'Translation (Spanish): «Gracias por escribirnos. Hemos actualizado su cuenta y el cambio será visible la próxima vez que inicie sesión.»',
    ],
  },
  {
    words: ['math', 'prove', 'proof', 'calculate', 'solve', 'equation', 'probability', 'integral', 'derivative'],
    answers: [
      'Let x be the number of tickets sold at $12 and y at $8. Then x + y = 150 and 12x + 8y = 1560. Substituting y = 150 - x gives ' +
        '12x + 1200 - 8x = 1560, so 4x = 360 and x = 90. Ninety tickets were sold at $12 and sixty at $8.',
      'The probability that at least one of three independent events with probability 0.2 happens is 1 - 0.8³ = 1 - 0.512 = 0.488, ' +
        'a little under one half. Computing the complement is easier than adding the cases one by one.',
      'Suppose √2 were rational, √2 = p/q in lowest terms. Then p² = 2q², so p² is even and therefore p is even, p = 2k. Substituting, ' +
        '4k² = 2q², so q² = 2k² and q is even too, which contradicts p/q being in lowest terms. Hence √2 is irrational.',
    ],
  },
  {
    words: ['plan', 'strategy', 'roadmap', 'architecture', 'design', 'migrate', 'migration', 'scale'],
    answers: [
      'A staged plan: (1) put the new service behind the gateway and mirror 1% of read traffic to it, comparing answers; (2) move reads ' +
        'over team by team, keeping the old path as a fallback; (3) move writes with dual-writes for a week; (4) remove the old path once ' +
        'the error budget has held for a full release cycle. Each step can be rolled back on its own.',
      'For this load, one well-indexed PostgreSQL instance with a read replica is enough; the bottleneck in the numbers you give is the ' +
        'report queries, not the writes. I would add a cache for the two hottest endpoints and revisit sharding only if writes pass a ' +
        'few thousand per second.',
    ],
  },
  {
    words: [],
    answers: [
      'Good question. The short answer is yes, with one caveat: it works as long as the inputs stay within the range you tested. Outside ' +
        'it, the behaviour is undefined rather than wrong, so add a check at the boundary and log when it triggers.',
      'There are three common approaches. The simplest is to do it by hand once and write down the steps. The second is a small script ' +
        'that runs the same steps and can be reviewed. The third is a scheduled job with alerts. Most teams start with the first and move ' +
        'to the second after the third time they repeat it.',
      'It depends on what you optimise for. If cost matters most, the smaller model handles this kind of request well and is a fraction ' +
        'of the price. If you need the best possible answer on hard reasoning, the larger model is worth it. Routing each request to the ' +
        'cheapest model that can handle it gets most of both.',
      'Here are a few ideas to get started:\n\n- Write down the one question the page must answer.\n- Show the answer first, then the ' +
        'detail.\n- Cut every sentence that does not help a reader decide something.\n\nA short draft reviewed early beats a long one ' +
        'reviewed late.',
      'The main difference is where the work happens. In the first design the client does more and the server stays simple; in the ' +
        'second the server owns the logic and clients stay thin. For a public API the second is usually easier to evolve, because you ' +
        'can change behaviour without waiting for every client to update.',
    ],
  },
];
