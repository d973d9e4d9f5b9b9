/**
 * The part of the client API that the elements do not need before they connect (the client class, the
 * CIF library loader), for the single-file build: {@link loadClient} in `cif-elements.js` imports this
 * module on demand. `<cif-provider>` loads the same code itself when it connects.
 */
export {
  CifFrameworkClient,
  SESSION_META_KEY,
  connectCif,
  loadCifLibrary,
  detectCifVersion,
  crmUrlFromLocation,
  CIF_LIBRARY_PATH,
  TypedEventTarget,
} from '@cif-elements/client/api';
