import ExcelJS from 'exceljs';
const wb2 = new ExcelJS.Workbook(); await wb2.xlsx.readFile(process.argv[2]);
for (const w of wb2.worksheets) { console.log('== '+w.name);
w.eachRow({includeEmpty:false},(row,n)=>{ if (n>4) return; const out=[]; row.eachCell({includeEmpty:true},(c,col)=>out.push(c.value)); console.log(n, JSON.stringify(out)); });}
