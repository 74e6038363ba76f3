/** Input a front end cannot read: the message names the file and what is wrong, never a stack trace. */
export class InputError extends Error {
    constructor(readonly file: string, detail: string) {
        super(`${file}: ${detail}`);
        this.name = "InputError";
    }
}
