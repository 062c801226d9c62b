// The study tables read through the one CSV/TSV reader in shared/csv.
export { parseDelimited, type Delimited } from '../csv/read';
