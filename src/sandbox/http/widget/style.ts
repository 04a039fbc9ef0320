/** Plain, large and single-column, so it reads at 320 px and in both colour schemes. */
export const PAGE_STYLE = `
*{box-sizing:border-box}
body{font-family:system-ui,sans-serif;font-size:1rem;line-height:1.4;margin:0;padding:1rem;max-width:30rem;margin-inline:auto;color:#1a1a1a;background:#fff}
html[data-color-scheme=dark] body{color:#f2f2f2;background:#161616}
@media (prefers-color-scheme:dark){html[data-color-scheme=browser] body{color:#f2f2f2;background:#161616}}
h1{font-size:1.4rem}h2{font-size:1.15rem}
label,legend{display:block;font-weight:600;margin:.75rem 0 .25rem}
input[type=text],input[type=password],input[type=search]{width:100%;font-size:1rem;padding:.5rem;border:1px solid #767676;border-radius:4px}
fieldset{border:1px solid #767676;border-radius:4px;padding:.5rem .75rem;margin:.75rem 0}
fieldset label{font-weight:400;display:flex;gap:.5rem;align-items:center;margin:.35rem 0}
button{font-size:1rem;padding:.6rem 1rem;margin:.75rem .5rem 0 0;border-radius:4px;border:1px solid #0b57d0;background:#0b57d0;color:#fff;cursor:pointer}
button.secondary{background:transparent;color:inherit;border-color:#767676}
ul.results{list-style:none;padding:0;margin:.5rem 0}
ul.results li button{width:100%;text-align:left;background:transparent;color:inherit;border-color:#767676;margin:.25rem 0}
:focus-visible{outline:3px solid #e37400;outline-offset:2px}
.message{padding:.5rem .75rem;border-left:4px solid #b3261e;background:rgba(179,38,30,.08)}
img{max-width:100%;height:auto}
`;
