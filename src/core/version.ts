/** The version of ecocomp, as --version prints it. */
export const VERSION = '0.1.0';
