/** A stylesheet imported as its text (the workbench's build loads `.css` as text). */
declare module '*.css' {
  const css: string;
  export default css;
}
