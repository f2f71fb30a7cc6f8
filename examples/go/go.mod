module example.com/douyin-sandbox-merchant

go 1.19
