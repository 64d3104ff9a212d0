/**
 * Forms inside modals have their buttons in the modal footer, outside the <form>; this hidden
 * submit button keeps "Enter submits" working from any field, as front-desk staff expect.
 */
export function EnterSubmits() {
  return <button type="submit" tabIndex={-1} aria-hidden="true" style={{ display: 'none' }} />;
}
