import { CoboError, ErrorCode } from "./errors.js";

// Cobo's cursor pagination: `after=X` returns the objects after X, `before=X`
// the objects before X (`before=infinity` = last page); `pagination.before` /
// `pagination.after` are cursors for the previous / next page, "" at the ends.

/** Cobo's pagination object. */
export interface Pagination {
  before: string;
  after: string;
  total_count: number;
}

/** A page of results in Cobo's list shape. */
export interface Page<T> {
  data: T[];
  pagination: Pagination;
}

/** Paging parameters after validation. */
export interface PageParams {
  limit: number;
  before?: string | undefined;
  after?: string | undefined;
}

/** Cuts one page out of `items` (already in list order) using ids from `idOf`. */
export function paginate<T>(items: readonly T[], idOf: (item: T) => string, params: PageParams): Page<T> {
  if (params.before !== undefined && params.after !== undefined) {
    throw new CoboError(400, ErrorCode.invalidParameter, "Invalid parameter: before and after cannot both be set");
  }
  const total = items.length;
  let start: number;
  let end: number;
  if (params.after !== undefined) {
    const idx = items.findIndex((i) => idOf(i) === params.after);
    start = idx < 0 ? total : idx + 1;
    end = Math.min(total, start + params.limit);
  } else if (params.before !== undefined) {
    const idx = params.before === "infinity" ? total : items.findIndex((i) => idOf(i) === params.before);
    end = idx < 0 ? 0 : idx;
    start = Math.max(0, end - params.limit);
  } else {
    start = 0;
    end = Math.min(total, params.limit);
  }
  const data = items.slice(start, end);
  const first = data[0];
  const last = data[data.length - 1];
  return {
    data,
    pagination: {
      before: first !== undefined && start > 0 ? idOf(first) : "",
      after: last !== undefined && end < total ? idOf(last) : "",
      total_count: total,
    },
  };
}
