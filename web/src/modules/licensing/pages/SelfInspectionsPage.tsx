/** Placeholder: being written. */
export function SelfInspectionsPage() {
  return <div>建设中</div>;
}
