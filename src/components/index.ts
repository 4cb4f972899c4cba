/** The components chapters may use, by the tag name they use. Keep in step with ../lib/author-components.ts. */
import P from './P.astro';
import Scrolly from './Scrolly.astro';
import type { AuthorComponent } from '../lib/author-components.ts';

export const components = { P, Scrolly } satisfies Record<AuthorComponent, unknown>;
