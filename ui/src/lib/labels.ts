// The words Rust holds for each enum (generated into ipc-types.ts), as the choices a
// form offers, in Rust's order. Nothing here names a label itself.
export function choicesOf<K extends string>(labels: Record<K, string>): { value: K; label: string }[] {
  return (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
}

// The label of a value that may be missing ("—" then).
export function labelOf<K extends string>(labels: Record<K, string>, value: K | null | undefined): string {
  return value ? labels[value] : '—';
}
