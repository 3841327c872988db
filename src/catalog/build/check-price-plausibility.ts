import type { CatalogModel, Offer } from '../catalog-types.js';

/** How far (either way) from the other offers a price, and its output:input ratio, must be to be flagged. */
export const IMPLAUSIBLE_FACTOR = 5;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** How many times apart two positive numbers are, whichever is larger (1 for equal). */
function apart(a: number, b: number): number {
  return Math.max(a, b) / Math.min(a, b);
}

const shape = (o: Offer) => o.price.output / o.price.input;
const round = (n: number) => Number(n.toPrecision(3));

/**
 * The offers whose price looks like a typing error in the price list, one message each. An offer is flagged when
 * its input or output price is more than 5× above or below the median of the model's other offers (at least two
 * of them) while its output:input ratio is also more than 5× off theirs: one of its two prices out of line with
 * the other, the mark of a misplaced decimal point. A host that is dearer or cheaper across the board (a fast
 * tier, OpenRouter's cheapest host) moves both prices and is not flagged. Offers copied to a mirroring provider
 * type (`deepseek-anthropic` mirrors `deepseek`) are left out, so that one price is not counted twice.
 */
export function findImplausiblePrices(models: readonly CatalogModel[], mirrors: Readonly<Record<string, string>> = {}): string[] {
  const problems: string[] = [];
  for (const model of models) {
    const offers = model.offers.filter((o) => !(o.provider in mirrors) && o.price.input > 0 && o.price.output > 0);
    offers.forEach((offer, i) => {
      const others = offers.filter((_, j) => j !== i);
      if (others.length < 2) return;
      const ratio = shape(offer);
      const othersRatio = median(others.map(shape));
      if (apart(ratio, othersRatio) <= IMPLAUSIBLE_FACTOR) return;
      for (const side of ['input', 'output'] as const) {
        const typical = median(others.map((o) => o.price[side]));
        const factor = apart(offer.price[side], typical);
        if (factor <= IMPLAUSIBLE_FACTOR) continue;
        const direction = offer.price[side] > typical ? 'above' : 'below';
        problems.push(
          `${model.id}: ${offer.provider} "${offer.upstreamModel}" ${side} price ${offer.price[side]} is ${round(factor)}× ${direction} ` +
            `the median of the model's other offers (${round(typical)}), and its output:input ratio ${round(ratio)} is ` +
            `${round(apart(ratio, othersRatio))}× off theirs (${round(othersRatio)}): check it against the provider's page ` +
            'and set a correction in the curation if the price list is wrong',
        );
      }
    });
  }
  return problems;
}
