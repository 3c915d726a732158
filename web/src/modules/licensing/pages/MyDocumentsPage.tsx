/** Placeholder: being written. */
export function MyDocumentsPage() {
  return <div>建设中</div>;
}
