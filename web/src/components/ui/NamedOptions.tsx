/** One `<option>` per named thing (projects, users …), its id as the value, in the order given. */
export function NamedOptions({ of }: { of: { id: number; name: string }[] }) {
  return (
    <>
      {of.map((thing) => (
        <option key={thing.id} value={thing.id}>
          {thing.name}
        </option>
      ))}
    </>
  );
}
