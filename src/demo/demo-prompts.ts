/**
 * What the demo's callers ask: everyday requests of the kinds teams send through a gateway, from short
 * rewrites to proofs and code reviews, so that the cost-quality router sends some to each tier. Written for
 * the demo; the live traffic sends them, and the seeded history scores them with the shipped router.
 */
export const DEMO_PROMPTS: readonly string[] = [
  'Translate to French: "Thanks for your message, we will get back to you within two business days."',
  'Summarize these meeting notes in three bullet points: billing change ships Tuesday behind a flag; migration risk on invoices; support article missing.',
  'Write a short, friendly reply to a customer asking for a refund on a late order.',
  'What is the capital of Australia?',
  'Rewrite this sentence to be more concise: "At this point in time we are not in a position to be able to offer a discount."',
  'Give me three name ideas for an internal tool that tracks flaky tests.',
  'Translate to German: "The delivery is delayed by two days; we will let you know when it ships."',
  'Classify the sentiment of this review as positive, negative or neutral: "The app is fine, but the sync is slow."',
  'Write a SQL query that returns the latest order of each customer from an orders table.',
  'Explain the difference between a process and a thread in two sentences.',
  'Draft an email to the team announcing that the staging environment will be down on Saturday morning.',
  'Summarize the main argument of an article that says remote work raises productivity but hurts onboarding.',
  'Fix the bug in this Python function: def avg(xs): return sum(xs) / len(xs) when xs may be empty.',
  'Convert 72 degrees Fahrenheit to Celsius and show the formula.',
  'Write a regex that matches ISO dates like 2024-05-17 and explain its limits.',
  'Prove that the square root of 2 is irrational.',
  'A train leaves at 9:40 and travels 210 km at 84 km/h, stopping 12 minutes halfway. When does it arrive? Show your reasoning step by step.',
  'Solve for x and y: 12x + 8y = 1560 and x + y = 150. Explain each step.',
  'Design a rate limiter for an API gateway that must hold across several processes. Compare a token bucket in Redis with a sliding window, with failure modes.',
  'Review this TypeScript for race conditions: an async function reads a balance, awaits a network call, then writes balance minus amount.',
  'Plan the migration of a 2 TB PostgreSQL database to a new major version with under five minutes of downtime. List the risks and the rollback plan.',
  'What is the probability that at least two of 23 people share a birthday? Derive it, then compute the number.',
  'Refactor a 300-line function that parses a config file, validates it and starts a server into testable parts. Explain the design choices.',
  'Compare consistent hashing and rendezvous hashing for sharding a cache, with the cost of adding a node in each.',
  'Write a Python function that merges overlapping intervals, with its complexity and edge cases, and unit tests.',
  'Explain why this integral diverges or converges: the integral from 1 to infinity of sin(x)/x dx. Give a rigorous argument.',
  'Our p99 latency doubled after enabling TLS between services. Walk through how you would find the cause, step by step.',
  'Draft a data-retention policy section for a product that stores support tickets in two regions, covering deletion requests.',
  'Given a list of 10 million log lines, how would you find the 100 most frequent IP addresses with 512 MB of memory? Compare approaches.',
  'Write a concise changelog entry for a release that adds SSO login and fixes a CSV export bug.',
];
