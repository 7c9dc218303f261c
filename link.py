import sys; sys.path.insert(0,'.')
from h import *
deal,user,lang,q,oid=sys.argv[1:6]
d=drv()
try:
    d.get(f"{P}/crm/deal/details/{deal}/?user={user}&lang={lang}&tab=app"); frame(d); time.sleep(5)
    if q!="-":
        el=d.find_element(By.CSS_SELECTOR,"[data-testid=link-number]"); el.send_keys(q)
        d.find_element(By.CSS_SELECTOR,"[data-testid=link-find]").click(); time.sleep(2.5)
    b=d.find_element(By.CSS_SELECTOR,f"[data-testid=link-button][data-arg='{oid}']"); b.click(); time.sleep(2)
    print("after click alert:",alerts(d)); print(body(d)[:1500]); d.save_screenshot(f"shots/link_d{deal}_a.png")
    btns=[x for x in d.find_elements(By.CSS_SELECTOR,"button") if x.is_displayed()]
    print("BUTTONS:",[x.text for x in btns])
    for x in btns:
        if x.text.strip() in ("Всё равно связать","Связать","Да, связать","Link anyway","Link","Yes, link") or "связать" in x.text.lower() and x.get_attribute("data-arg") is None:
            print("clicking",x.text); x.click(); break
    time.sleep(4); print("----AFTER"); print(body(d)[:1800]); d.save_screenshot(f"shots/link_d{deal}_b.png")
finally: d.quit()
