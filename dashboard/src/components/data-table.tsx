import type { ComponentChildren } from 'preact';

export interface Column<R> {
  title: string;
  value: (row: R) => ComponentChildren;
  numeric?: boolean;
  /** A row header (the row's name), for screen readers. */
  header?: boolean;
}

/** A plain, scrollable table; `id` names it for tests (`data-table`). */
export function DataTable<R>(props: {
  id: string;
  caption: string;
  columns: Column<R>[];
  rows: readonly R[];
  rowKey: (row: R, i: number) => string;
  onRowClick?: (row: R) => void;
  selected?: string;
  footer?: ComponentChildren;
  hideCaption?: boolean;
  /** Keep each cell on one line (the table scrolls sideways instead). */
  nowrap?: boolean;
}) {
  return (
    <div class="table-scroll">
      <table data-table={props.id} class={props.nowrap ? 'nowrap' : undefined}>
        <caption class={props.hideCaption ? 'visually-hidden' : undefined}>{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th scope="col" class={c.numeric ? 'num' : undefined}>
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row, i) => {
            const key = props.rowKey(row, i);
            return (
              <tr key={key} data-row={key} class={props.selected === key ? 'selected' : undefined}>
                {props.columns.map((c, ci) => {
                  const content =
                    ci === 0 && props.onRowClick ? (
                      <button type="button" class="link-button" onClick={() => props.onRowClick!(row)} aria-current={props.selected === key ? 'true' : undefined}>
                        {c.value(row)}
                      </button>
                    ) : (
                      c.value(row)
                    );
                  return c.header ? (
                    <th scope="row" class={c.numeric ? 'num' : undefined}>
                      {content}
                    </th>
                  ) : (
                    <td class={c.numeric ? 'num' : undefined}>{content}</td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
        {props.footer && <tfoot>{props.footer}</tfoot>}
      </table>
    </div>
  );
}
