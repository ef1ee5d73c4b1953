/**
 * Base images whose settings are known: the official images (`python`, `debian`, `ubuntu`, `alpine`, ... with or
 * without `docker.io/library/`). They run as root and set no PORT; anything else (`gcr.io/distroless/python3:nonroot`,
 * a company base image) may set its own USER or environment, and then nothing is said.
 */
const OFFICIAL_BASES =
  /^(?:(?:docker\.io\/)?library\/)?(?:python|pypy|debian|ubuntu|alpine|fedora|rockylinux|almalinux|amazonlinux|buildpack-deps)(?::[^@]*)?(?:@sha256:[0-9a-f]+)?$/i;

export function isOfficialBaseImage(base: string | undefined): boolean {
  return base !== undefined && OFFICIAL_BASES.test(base.trim());
}
