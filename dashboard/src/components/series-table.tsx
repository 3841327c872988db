import type { Aligned } from '../lib/align-series';
import { formatBucket } from '../lib/format';

/**
 * Every figure a time chart draws, as a table (collapsed by default): the chart's text alternative, and
 * what tests compare with the API's answer.
 */
export function SeriesTable(props: { id: string; caption: string; aligned: Aligned; bucket: string; format: (v: number) => string }) {
  const { aligned } = props;
  return (
    <details class="series-table">
      <summary>Show the figures ({aligned.x.length} points)</summary>
      <div class="table-scroll">
        <table data-table={props.id}>
          <caption class="visually-hidden">{props.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{props.bucket}</th>
              {aligned.series.map((s) => (
                <th scope="col" class="num" data-series-id={s.id}>
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {aligned.x.map((t, i) => (
              <tr data-t={t}>
                <th scope="row">{formatBucket(t, props.bucket)}</th>
                {aligned.series.map((s) => (
                  <td class="num" data-value={s.values[i]}>
                    {props.format(s.values[i] ?? 0)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">total</th>
              {aligned.series.map((s) => (
                <td class="num" data-value={s.total}>
                  {props.format(s.total)}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
    </details>
  );
}
