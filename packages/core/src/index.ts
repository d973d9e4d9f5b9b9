export { cifClientContext, ensureContextRoot } from './context.js';
export { CifController } from './controller.js';
export type { CifControllerOptions, CifEventHandlers } from './controller.js';
export { tokensCssText, tokenStyles, baseStyles, installTokens } from './tokens.js';
export { CifProvider } from './cif-provider.js';
export type { CifProviderState, CifProviderStrings } from './cif-provider.js';
export { styleProps } from './style-props.js';
export { numberAttribute, sanitizeNumber, isValidNumber } from './attributes.js';
export type { NumberAttributeOptions } from './attributes.js';
