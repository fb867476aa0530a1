/** Placeholder shell until the live lab lands. */
export function App() {
  return (
    <main>
      <h1>Pruning Lab</h1>
      <p>Dynamic Network Surgery, live in your browser.</p>
    </main>
  );
}
