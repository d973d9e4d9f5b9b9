export { cifClientContext, ensureContextRoot } from './context.js';
export { CifController } from './controller.js';
export type { CifControllerOptions, CifEventHandlers } from './controller.js';
export { tokensCssText, tokenStyles, baseStyles, installTokens } from './tokens.js';
export { CifProvider } from './cif-provider.js';
export type { CifProviderState, CifProviderStrings } from './cif-provider.js';
export { styleProps } from './style-props.js';
