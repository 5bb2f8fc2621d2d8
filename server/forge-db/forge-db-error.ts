// Why the forge database cannot be used as it is. It holds accounts and proposals that exist
// nowhere else, so every such case is refused with a French message and the file left untouched.
export class ForgeDbError extends Error {
  override readonly name = 'ForgeDbError';
}
