/** Name (CloudEvents source, metrics label) and schema of the service a module graph belongs to. */
export class ServiceIdentity {
  constructor(
    readonly name: string,
    readonly schema: string,
  ) {}

  get source(): string {
    return `/credit/${this.name}`;
  }
}
