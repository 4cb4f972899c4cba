/**
 * The components that chapters may use. The barrel (src/components/index.ts) must export exactly these;
 * the build gate rejects any other capitalised tag in a chapter.
 */
export const authorComponents = ['P', 'Scrolly'] as const;
export type AuthorComponent = (typeof authorComponents)[number];
